namespace Rempart.Gateway.Configuration;

/// <summary>
/// One sentence that explains a config key. The binder ignores it; the JSON Schema writer
/// turns it into the "description" editors show on hover, so the schema and the code never drift.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class ConfigDocAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
