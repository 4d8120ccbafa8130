namespace Rempart.SecLang.Tests.Crs;

/// <summary>One go-ftw test file (../shared/testdata/crs/FORMAT.md §2).</summary>
internal sealed record FtwFile(string Path, string RelativePath, int RuleId, IReadOnlyList<FtwTest> Tests);

/// <summary>One test: its id (<c>rule-test</c>) and its stages.</summary>
internal sealed record FtwTest(int RuleId, int TestId, IReadOnlyList<FtwStage> Stages)
{
    public string Name => $"{RuleId}-{TestId}";
}

/// <summary>One stage: the request as YAML fields and the expected output.</summary>
internal sealed record FtwStage(FtwInput Input, FtwOutput Output);

/// <summary>The request fields of a stage.</summary>
internal sealed class FtwInput
{
    public string Method { get; set; } = "GET";
    public string Uri { get; set; } = "/";
    public string Version { get; set; } = "HTTP/1.1";
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public string? Data { get; set; }
    public string? EncodedData { get; set; }
    public string? EncodedRequest { get; set; }
    public bool AutocompleteHeaders { get; set; } = true;
}

/// <summary>The expectations of a stage.</summary>
internal sealed class FtwOutput
{
    public int? Status { get; set; }
    public string? ResponseContains { get; set; }
    public List<int> ExpectIds { get; } = [];
    public List<int> NoExpectIds { get; } = [];
    public string? MatchRegex { get; set; }
    public string? NoMatchRegex { get; set; }
    public bool ExpectError { get; set; }
    public bool Isolated { get; set; }
}
