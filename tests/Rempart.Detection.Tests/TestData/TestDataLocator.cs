namespace Rempart.Detection.Tests.TestData;

/// <summary>
/// Finds the shared test data written by others (never copied into the repository): the directory
/// named by REMPART_TESTDATA, or else the first <c>shared/testdata</c> found next to an ancestor of
/// the test binaries (the repository's sibling <c>shared</c> folder).
/// </summary>
internal static class TestDataLocator
{
    public const string EnvironmentVariable = "REMPART_TESTDATA";

    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The <c>testdata</c> directory, or null when it cannot be found.</summary>
    public static string? Root => s_root.Value;

    /// <summary>A sub-directory of the test data (such as <c>libinjection</c>), or null when missing.</summary>
    public static string? Find(string relativePath)
    {
        if (Root is null)
        {
            return null;
        }

        var path = Path.Combine(Root, relativePath);
        return Directory.Exists(path) || File.Exists(path) ? path : null;
    }

    /// <summary>Why data is missing, for a skip reason.</summary>
    public static string MissingReason(string relativePath) =>
        $"Test data '{relativePath}' not found: set {EnvironmentVariable} to the shared testdata directory, " +
        "or place shared/testdata next to the repository.";

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
