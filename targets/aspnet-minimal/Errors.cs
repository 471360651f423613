using System.Data.Common;

namespace AspNetMinimal;

/// <summary>The contract's error body, <c>{"error":"..."}</c>, written through the app's JSON options.</summary>
static class Errors
{
    public static IResult Result(int status, string reason) => TypedResults.Json(new ErrorBody(reason), statusCode: status);

    public static Task Write(HttpContext context, string reason) =>
        context.Response.WriteAsJsonAsync(new ErrorBody(reason));

    public static readonly IResult NoDatabase = Result(StatusCodes.Status503ServiceUnavailable, "DATABASE_URL is not set");

    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        Npgsql.PostgresException => StatusCodes.Status500InternalServerError, // the server answered: not an outage
        DbException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
