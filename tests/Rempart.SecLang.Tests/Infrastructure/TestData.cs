namespace Rempart.SecLang.Tests.Infrastructure;

/// <summary>
/// Finds ../shared/testdata: env REMPART_TESTDATA, else walks up from the test binaries to the folder that
/// holds <c>shared/testdata</c> next to the repository.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string?> s_root = new(Locate);

    /// <summary>The testdata folder, or null when it is not there.</summary>
    public static string? Root => s_root.Value;

    /// <summary>The CRS folder (rules, crs-setup.conf.example, tests), or null.</summary>
    public static string? Crs => Root is { } root && Directory.Exists(Path.Combine(root, "crs", "rules")) ? Path.Combine(root, "crs") : null;

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("REMPART_TESTDATA");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
