using System.Security.Cryptography;

namespace Bench.Runtime.Targets;

public static class Secrets
{
    /// <summary>A fresh HS256 key for every run: 32 random bytes as 64 hex characters (the contract wants ≥ 32 bytes).</summary>
    public static string NewJwtSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
}
