using System.Net;
using System.Text;
using AspNetMinimal;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

// The contract makes a missing JWT_SECRET a start-up error. HS256 keys shorter than 256 bits are
// refused by Microsoft.IdentityModel at validation time, so refuse them here, where it is visible.
var secret = Environment.GetEnvironmentVariable("JWT_SECRET");
if (string.IsNullOrEmpty(secret) || Encoding.UTF8.GetByteCount(secret) < 32)
{
    Console.Error.WriteLine("JWT_SECRET must be set to a key of at least 32 bytes");
    return 1;
}
var bind = Config.Env("BIND", "127.0.0.1");
var port = int.Parse(Config.Env("PORT", "8080"));

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    if (bind == "localhost") kestrel.ListenLocalhost(port);
    else kestrel.Listen(IPAddress.Parse(bind), port);
    kestrel.Limits.MaxRequestBodySize = 1024 * 1024; // larger bodies are refused with 413
});

builder.Services.ConfigureHttpJsonOptions(options => AppJsonContext.Configure(options.SerializerOptions));

var databaseUrl = Environment.GetEnvironmentVariable("DATABASE_URL");
if (!string.IsNullOrEmpty(databaseUrl))
{
    builder.Services.AddNpgsqlDataSource(
        Config.NpgsqlConnectionString(databaseUrl, int.Parse(Config.Env("DB_POOL_SIZE", "16"))));
}

builder.Services.AddAuthorization();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
    options.MapInboundClaims = false; // keep `sub` and `name` as they are in the token
    options.TokenValidationParameters = new TokenValidationParameters
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true, // exp, and nbf when present
        ClockSkew = TimeSpan.FromSeconds(5),
        ValidateIssuer = false, // the contract's tokens carry neither iss nor aud
        ValidateAudience = false,
    };
    options.Events = new JwtBearerEvents
    {
        OnTokenValidated = Auth.RequireContractClaims,
        OnChallenge = Auth.WriteJsonChallenge,
    };
});

var app = builder.Build();

// Unhandled exceptions become JSON errors; a database that cannot be reached is a 503.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = Errors.StatusFor,
    ExceptionHandler = context => Errors.Write(context, context.Response.StatusCode switch
    {
        503 => "database unavailable",
        500 => "internal error",
        var status => ReasonPhrases.GetReasonPhrase(status),
    }),
});

// Responses the framework ends without a body (unknown path, wrong method, request-body binding
// failures: malformed JSON, wrong shape, wrong Content-Type, body over the limit) get the JSON error.
app.UseStatusCodePages(context =>
{
    var status = context.HttpContext.Response.StatusCode;
    return Errors.Write(context.HttpContext, status switch
    {
        400 => "the body is not a valid order (malformed JSON or wrong shape)",
        413 => "the body is larger than 1 MiB",
        415 => "Content-Type must be application/json",
        _ => ReasonPhrases.GetReasonPhrase(status),
    });
});

app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/plaintext", () => "Hello, World!");
app.MapGet("/json", () => new Greeting("Hello, World!"));
app.MapPost("/json/process", Handlers.ProcessOrder);
app.MapGet("/jwt", Handlers.Claims).RequireAuthorization();
app.MapGet("/db", Handlers.SingleQuery);
app.MapGet("/queries", Handlers.MultipleQueries);
app.MapGet("/profile", Handlers.Profile).RequireAuthorization();
app.MapGet("/cpu", Handlers.Cpu);
app.MapGet("/io", Handlers.Io);
app.MapGet("/healthz", Handlers.Health);

// The contract's single start-up line (the template's lifetime messages are off in appsettings.json).
var host = bind.Contains(':') ? $"[{bind}]" : bind; // an IPv6 address is bracketed in a URL
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"listening on http://{host}:{port}"));
app.Run();
return 0;
