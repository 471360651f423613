using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AspNetMinimal;

/// <summary>JwtBearer events: the contract's claim shape, and a JSON body on 401.</summary>
static class Auth
{
    // Signature, algorithm and lifetime are checked by TokenValidationParameters; this adds the
    // contract's claims so /jwt always has what it echoes (a token without them is refused as invalid).
    public static Task RequireContractClaims(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token
            || !token.TryGetPayloadValue<string>("sub", out _)
            || !token.TryGetPayloadValue<string>("name", out _)
            || !token.TryGetPayloadValue<long>("iat", out _)
            || !token.TryGetPayloadValue<long>("exp", out _))
        {
            context.Fail("the token lacks a string sub or name, or an integer iat or exp");
        }
        return Task.CompletedTask;
    }

    public static Task WriteJsonChallenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse(); // replaces the handler's empty 401 with the contract's JSON error
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
        return Errors.Write(context.HttpContext, Reason(context.AuthenticateFailure));
    }

    static string Reason(Exception? failure) => failure switch
    {
        null => "missing bearer token",
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no exp claim",
        SecurityTokenInvalidAlgorithmException => "token algorithm is not HS256",
        SecurityTokenInvalidSignatureException => "invalid token signature",
        SecurityTokenMalformedException => "malformed token",
        _ => "invalid token",
    };
}
