namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that becomes true asynchronously (a health probe, a file watcher). The
/// deadline is generous and only bounds a failing test; a passing test returns as soon as it can.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting until {because}");
    }

    public static Task TrueAsync(Func<bool> condition, string because, int timeoutMs = 15_000) =>
        TrueAsync(() => Task.FromResult(condition()), because, timeoutMs);
}
