using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary>
/// <c>@geoLookup</c> — fills the GEO collection from an operator-supplied database. No database reader
/// is wired yet, so it never matches (documented in docs/seclang.md as remaining work).
/// </summary>
internal sealed class GeoLookupOperator : IOperator
{
    public bool Evaluate(Transaction transaction, string input) => false;
}
