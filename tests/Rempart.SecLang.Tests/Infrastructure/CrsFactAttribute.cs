namespace Rempart.SecLang.Tests.Infrastructure;

/// <summary>A fact that needs the OWASP CRS copy in ../shared/testdata/crs; skipped, with the reason, when it is absent.</summary>
public sealed class CrsFactAttribute : FactAttribute
{
    public CrsFactAttribute()
    {
        if (TestData.Crs is null)
        {
            Skip = "OWASP CRS test data not found: set REMPART_TESTDATA or place shared/testdata/crs next to the repository";
        }
    }
}
