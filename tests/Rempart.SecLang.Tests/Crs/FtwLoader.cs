using System.Globalization;
using YamlDotNet.Serialization;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>Reads go-ftw YAML test files and override files into the model.</summary>
internal static class FtwLoader
{
    private static readonly IDeserializer s_yaml = new DeserializerBuilder().Build();

    /// <summary>Every test file under <paramref name="root"/> (glob <c>*.y*ml</c>), in ordinal path order.</summary>
    public static List<FtwFile> LoadAll(string root) =>
        Directory.EnumerateFiles(root, "*.y*ml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => LoadFile(path, root))
            .ToList();

    public static object? ReadYaml(string path) => s_yaml.Deserialize<object?>(File.ReadAllText(path));

    private static FtwFile LoadFile(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        if (ReadYaml(path) is not Dictionary<object, object> doc)
        {
            return new FtwFile(path, relative, 0, []);
        }

        var ruleId = doc.TryGetValue("rule_id", out var r) ? Int(r) : int.Parse(new string(Path.GetFileName(path).TakeWhile(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
        var tests = new List<FtwTest>();
        if (doc.TryGetValue("tests", out var t) && t is List<object> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var test = (Dictionary<object, object>)list[i];
                var testId = test.TryGetValue("test_id", out var id) ? Int(id) : i + 1;
                var stages = ((List<object>)test["stages"]).Select(s => ReadStage((Dictionary<object, object>)s)).ToList();
                tests.Add(new FtwTest(ruleId, testId, stages));
            }
        }

        return new FtwFile(path, relative, ruleId, tests);
    }

    private static FtwStage ReadStage(Dictionary<object, object> stage)
    {
        // Old files wrap the stage in "stage:".
        if (stage.TryGetValue("stage", out var inner) && inner is Dictionary<object, object> wrapped)
        {
            stage = wrapped;
        }

        var input = new FtwInput();
        if (stage.TryGetValue("input", out var i) && i is Dictionary<object, object> map)
        {
            foreach (var (key, value) in map)
            {
                switch ((string)key)
                {
                    case "method": input.Method = Str(value); break;
                    case "uri": input.Uri = Str(value); break;
                    case "version": input.Version = Str(value); break;
                    case "data": input.Data = Str(value); break;
                    case "encoded_data": input.EncodedData = Str(value); break;
                    case "encoded_request": input.EncodedRequest = Str(value); break;
                    case "autocomplete_headers": input.AutocompleteHeaders = Bool(value); break;
                    case "stop_magic": input.AutocompleteHeaders = !Bool(value); break;
                    case "headers":
                        if (value is Dictionary<object, object> headers)
                        {
                            foreach (var (name, v) in headers)
                            {
                                input.Headers.Add(new(Str(name), Str(v)));
                            }
                        }

                        break;
                }
            }
        }

        return new FtwStage(input, stage.TryGetValue("output", out var o) && o is Dictionary<object, object> output ? ReadOutput(output) : new FtwOutput());
    }

    public static FtwOutput ReadOutput(Dictionary<object, object> map)
    {
        var output = new FtwOutput();
        foreach (var (key, value) in map)
        {
            switch ((string)key)
            {
                case "status": output.Status = value is List<object> l ? Int(l[0]) : Int(value); break;
                case "response_contains": output.ResponseContains = Str(value); break;
                case "expect_error": output.ExpectError = Bool(value); break;
                case "isolated": output.Isolated = Bool(value); break;
                case "log_contains": output.MatchRegex ??= Str(value); break;
                case "no_log_contains": output.NoMatchRegex ??= Str(value); break;
                case "log":
                    foreach (var (k, v) in (Dictionary<object, object>)value)
                    {
                        switch ((string)k)
                        {
                            case "expect_ids": output.ExpectIds.AddRange(((List<object>)v).Select(Int)); break;
                            case "no_expect_ids": output.NoExpectIds.AddRange(((List<object>)v).Select(Int)); break;
                            case "match_regex": output.MatchRegex = Str(v); break;
                            case "no_match_regex": output.NoMatchRegex = Str(v); break;
                        }
                    }

                    break;
            }
        }

        return output;
    }

    public static int Int(object value) => int.Parse(Str(value), CultureInfo.InvariantCulture);

    public static string Str(object? value) => value switch
    {
        null => "",
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static bool Bool(object value) => Str(value).Equals("true", StringComparison.OrdinalIgnoreCase);
}
