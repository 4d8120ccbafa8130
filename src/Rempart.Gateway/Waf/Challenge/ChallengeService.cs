using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Rempart.Gateway.Waf.Challenge;

/// <summary>
/// The challenge action's tokens. A challenge page carries a seed signed with HMAC-SHA256 over the
/// client IP and User-Agent; the browser finds a nonce whose SHA-256 has <c>difficulty</c> leading
/// zero bits and stores seed, signature and nonce in a cookie. The server accepts the cookie while
/// the signature matches this client, the proof of work holds and the immunity time has not run
/// out. Stateless: nothing is stored per client. The key lives in data_dir so tokens survive restarts.
/// </summary>
public sealed class ChallengeService(byte[] key, TimeProvider time)
{
    public const string CookieName = "rempart_challenge";

    public static ChallengeService Create(string dataDirectory, TimeProvider time)
    {
        var path = Path.Combine(dataDirectory, "challenge.key");
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        return new ChallengeService(File.ReadAllBytes(path), time);
    }

    /// <summary>A fresh signed seed for this client: "1.issued.difficulty.random.signature".</summary>
    public string NewSeed(IPAddress client, string userAgent, int difficulty)
    {
        var seed = $"1.{time.GetUtcNow().ToUnixTimeSeconds()}.{difficulty}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        return seed + "." + Sign(seed, client, userAgent);
    }

    public bool IsValid(string? cookie, IPAddress client, string userAgent, TimeSpan immunity)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 256)
        {
            return false;
        }

        var parts = cookie.Split('.');
        if (parts.Length != 6 || parts[0] != "1" || !long.TryParse(parts[1], out var issued) || !int.TryParse(parts[2], out var difficulty) || difficulty is < 1 or > 28)
        {
            return false;
        }

        var seed = string.Join('.', parts, 0, 4);
        var expected = Sign(seed, client, userAgent);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[4])))
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (issued > now + 60 || issued + (long)immunity.TotalSeconds < now)
        {
            return false;
        }

        return LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes(seed + "." + parts[4] + "." + parts[5]))) >= difficulty;
    }

    /// <summary>Solves a seed the way the page's script does (for tests and `rempart waf test`).</summary>
    public static string Solve(string signedSeed, int difficulty)
    {
        for (long nonce = 0; ; nonce++)
        {
            var candidate = signedSeed + "." + nonce.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (LeadingZeroBits(SHA256.HashData(Encoding.ASCII.GetBytes(candidate))) >= difficulty)
            {
                return candidate;
            }
        }
    }

    private string Sign(string seed, IPAddress client, string userAgent) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(seed + "|" + client + "|" + userAgent)))[..32];

    private static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                bits += 8;
                continue;
            }

            bits += System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
            break;
        }

        return bits;
    }
}
