namespace Rempart.Detection.Tests.TestData;

/// <summary>
/// A fact that needs shared test data: when the data is missing the test is reported as skipped,
/// with the reason, instead of passing silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TestDataFactAttribute : FactAttribute
{
    public TestDataFactAttribute(string relativePath)
    {
        if (TestDataLocator.Find(relativePath) is null)
        {
            Skip = TestDataLocator.MissingReason(relativePath);
        }
    }
}
