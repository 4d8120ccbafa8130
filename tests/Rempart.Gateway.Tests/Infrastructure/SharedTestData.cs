namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// Finds ../shared/testdata (suites written by others, read in place, never copied): beside the
/// repository, or where REMPART_TESTDATA points.
/// </summary>
public static class SharedTestData
{
    public static string? Root
    {
        get
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
}

/// <summary>A fact that is skipped, with the reason, when ../shared/testdata/<c>folder</c> is absent (CI always has it).</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string folder)
    {
        if (SharedTestData.Root is not { } root || !Directory.Exists(Path.Combine(root, folder)))
        {
            Skip = $"../shared/testdata/{folder} is not on this machine (set REMPART_TESTDATA to its folder); CI always has it.";
        }
    }
}
