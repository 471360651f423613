using System.Text;
using System.Text.Json.Nodes;
using Bench.Conformance.Jwt;

namespace Bench.Conformance.Checks;

/// <summary>GET /jwt and GET /profile: full verification of the bearer token, every refusal a 401.</summary>
internal static class JwtChecks
{
    /// <summary>Tokens every target must refuse, each with the reason a lax verifier would accept it.</summary>
    public static IEnumerable<(string Name, Func<TokenFactory, string?> Authorization)> BadTokens()
    {
        yield return ("missing header", _ => null);
        yield return ("not a Bearer scheme", t => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pass")));
        yield return ("malformed token", _ => "Bearer not.a.jwt");
        yield return ("alg none", t => "Bearer " + t.Sign(t.Claims("42", TimeSpan.FromHours(1)), alg: "none"));
        yield return ("alg HS384 (not pinned)", t => "Bearer " + t.Sign(t.Claims("42", TimeSpan.FromHours(1)), alg: "HS384"));
        yield return ("wrong key", t => "Bearer " + t.Sign(t.Claims("42", TimeSpan.FromHours(1)), key: Encoding.UTF8.GetBytes("another-secret-another-secret-1234")));
        yield return ("tampered payload", t => "Bearer " + t.Tampered(42));
        yield return ("expired", t => "Bearer " + t.Sign(t.Claims("42", TimeSpan.FromHours(-1))));
        yield return ("not yet valid (nbf)", t =>
        {
            var claims = t.Claims("42", TimeSpan.FromHours(2));
            claims["nbf"] = TokenFactory.Now + 3600;
            return "Bearer " + t.Sign(claims);
        });
        yield return ("no exp", t =>
        {
            var claims = t.Claims("42", TimeSpan.FromHours(1));
            claims.Remove("exp");
            return "Bearer " + t.Sign(claims);
        });
    }

    public static IEnumerable<Check> All()
    {
        yield return new("jwt", "/jwt", "valid HS256 token → 200 with its claims", async c =>
        {
            var claims = c.Tokens.Claims("42", TimeSpan.FromHours(1));
            var (sub, _, iat, exp) = BodyRules.JwtClaims((await c.GetAsync("/jwt", bearer: c.Tokens.Sign(claims))).Json());
            JsonAssert.Equal("42", sub, "sub");
            JsonAssert.Equal(claims["iat"]!.GetValue<long>(), iat, "iat");
            JsonAssert.Equal(claims["exp"]!.GetValue<long>(), exp, "exp");
        });
        foreach (var endpoint in new[] { "/jwt", "/profile" })
            yield return new($"{endpoint.Trim('/')}-refusals", endpoint, "missing/malformed/none/HS384/wrong key/tampered/expired/nbf/no exp → 401 JSON error", async c =>
            {
                foreach (var (name, authorization) in BadTokens())
                {
                    var reply = await c.GetAsync(endpoint, authorization: authorization(c.Tokens));
                    try { reply.ExpectJsonError(401); }
                    catch (ContractViolation e) { throw new ContractViolation($"{name}: {e.Message}"); }
                }
            });
        yield return new("profile", "/profile", "valid token → the user's row, read from the database on every request", async c =>
        {
            var token = c.Tokens.Valid(42);
            await ExpectUser(c, token, 42);
            // Change the row behind the target's back: a cached profile would still show the old email.
            var email = $"user42+{Guid.NewGuid():N}@example.com";
            await c.ExecuteAsync("UPDATE users SET email = $1 WHERE id = 42", email);
            try
            {
                var user = await ExpectUser(c, token, 42);
                JsonAssert.Equal(email, user.Email, "email after the row changed (cached profile?)");
            }
            finally
            {
                await c.ExecuteAsync("UPDATE users SET email = 'user42@example.com' WHERE id = 42");
            }
        });
        yield return new("profile-unknown", "/profile", "unknown user or non-integer sub → 404 JSON error", async c =>
        {
            (await c.GetAsync("/profile", bearer: c.Tokens.Valid(999_999))).ExpectJsonError(404);
            (await c.GetAsync("/profile", bearer: c.Tokens.Sign(c.Tokens.Claims("abc", TimeSpan.FromHours(1))))).ExpectJsonError(404);
        });
    }

    private static async Task<(long Id, string Name, string Email)> ExpectUser(CheckContext c, string token, int id)
    {
        var user = BodyRules.User((await c.GetAsync("/profile", bearer: token)).Json());
        JsonAssert.Equal((long)id, user.Id, "id");
        JsonAssert.Equal(await c.QueryScalarAsync<string>("SELECT name FROM users WHERE id = $1", id), user.Name, "name");
        JsonAssert.Equal(await c.QueryScalarAsync<string>("SELECT email FROM users WHERE id = $1", id), user.Email, "email");
        return user;
    }
}
