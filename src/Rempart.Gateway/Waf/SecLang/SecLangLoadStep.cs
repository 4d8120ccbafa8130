namespace Rempart.Gateway.Waf.SecLang;

/// <summary>One step of a <see cref="SecLangLoadPlan"/>: a file or glob (<see cref="File"/>), or generated text named <see cref="Name"/> in errors.</summary>
public sealed record SecLangLoadStep(string Name, string? File, string Text)
{
    public static SecLangLoadStep FromFile(string path) => new(path, path, "");

    public static SecLangLoadStep Inline(string name, string text) => new(name, null, text);
}
