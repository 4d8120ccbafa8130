namespace Rempart.Benchmarks;

/// <summary>Finds the repository root and the shared test data (CRS) the benchmarks read.</summary>
internal static class TestData
{
    /// <summary>The folder holding <c>Rempart.slnx</c>, walking up from the working directory, then from the binary.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Rempart.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>
    /// <c>$REMPART_TESTDATA/crs</c> when set, else the first <c>shared/testdata/crs</c> (or <c>../shared/testdata/crs</c>)
    /// found walking up from the working directory and from the binary.
    /// </summary>
    public static string CrsRoot()
    {
        if (Environment.GetEnvironmentVariable("REMPART_TESTDATA") is { Length: > 0 } root)
        {
            return Existing(Path.Combine(root, "crs"));
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "testdata", "crs");
                if (Directory.Exists(Path.Combine(candidate, "rules")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("CRS test data not found: set REMPART_TESTDATA to the shared/testdata folder.");
    }

    private static string Existing(string path) =>
        Directory.Exists(Path.Combine(path, "rules")) ? path : throw new DirectoryNotFoundException($"No CRS rules under {path} (REMPART_TESTDATA).");
}
