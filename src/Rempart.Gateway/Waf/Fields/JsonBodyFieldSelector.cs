using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>
/// JSON body values (and keys) at JSON Pointer paths. An invalid body is handled by
/// invalid_fallback: inspected as text, or the statement matches or not.
/// </summary>
public sealed class JsonBodyFieldSelector(JsonBodyConfig config) : IFieldSelector
{
    public string Name => "json_body";

    public bool NeedsBody => true;

    public OversizeHandling Oversize => config.Oversize;

    public InvalidJsonFallback InvalidFallback => config.InvalidFallback;

    public bool IsOversize(WafEvaluationContext context) => context.Parts.JsonOversize || context.Request.BodyOversize;

    private bool InPaths(ReadOnlySpan<char> path)
    {
        foreach (var p in config.Paths)
        {
            if (path.SequenceEqual(p) || (path.StartsWith(p, StringComparison.Ordinal) && path.Length > p.Length && path[p.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<FieldValue> Values(WafEvaluationContext context)
    {
        if (context.Request.Body.IsEmpty)
        {
            yield break;
        }

        if (!context.Parts.JsonValid)
        {
            if (config.InvalidFallback == InvalidJsonFallback.EvaluateAsString)
            {
                yield return new FieldValue("json_body(text)", null, context.Parts.BodyText);
            }

            yield break;
        }

        foreach (var (pointer, value) in context.Parts.JsonValues)
        {
            var isKey = pointer.EndsWith("#key", StringComparison.Ordinal);
            var path = isKey ? pointer.AsSpan(0, pointer.Length - 4) : pointer.AsSpan();
            if (config.Paths.Count > 0 && !InPaths(path))
            {
                continue;
            }

            if (isKey ? config.MatchScope is MatchScope.Key or MatchScope.All : config.MatchScope is MatchScope.Value or MatchScope.All)
            {
                yield return new FieldValue("json_body", pointer, value);
            }
        }
    }
}
