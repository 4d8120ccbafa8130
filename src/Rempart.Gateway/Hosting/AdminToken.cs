using System.Security.Cryptography;

namespace Rempart.Gateway.Hosting;

/// <summary>
/// The admin API's bearer token: REMPART_ADMIN_TOKEN when set, otherwise a file created on first
/// start with 256 random bits and mode 0600. Comparison is constant-time on fixed-length digests,
/// so neither the content nor the length of the token leaks through timing.
/// </summary>
public sealed class AdminToken
{
    public const string EnvironmentVariable = "REMPART_ADMIN_TOKEN";

    private readonly byte[] _digest;

    private AdminToken(string value, string source)
    {
        _digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value));
        Source = source;
    }

    /// <summary>Where the token came from (the environment variable's name or the file's path) — never the token.</summary>
    public string Source { get; }

    public static AdminToken Load(string tokenFile)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new AdminToken(fromEnvironment.Trim(), EnvironmentVariable);
        }

        if (!File.Exists(tokenFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(tokenFile))!);
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(tokenFile, options);
                using var writer = new StreamWriter(stream);
                writer.Write(token + "\n");
            }
            catch (IOException) when (File.Exists(tokenFile))
            {
                // Another process created it first; read theirs below.
            }
        }

        var value = File.ReadAllText(tokenFile).Trim();
        if (value.Length < 16)
        {
            throw new InvalidOperationException($"The admin token in {tokenFile} is shorter than 16 characters; delete the file to get a new one.");
        }

        return new AdminToken(value, Path.GetFullPath(tokenFile));
    }

    public static AdminToken FromValue(string value) => new(value, "value");

    public bool Matches(ReadOnlySpan<char> presented)
    {
        Span<byte> digest = stackalloc byte[32];
        var bytes = System.Text.Encoding.UTF8.GetBytes(presented.ToArray());
        SHA256.HashData(bytes, digest);
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }
}
