using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Tests.Shield;

public sealed class HeavyHittersTests
{
    [Fact]
    public void HeavyKeySurvives_ManyDistinctLightKeys()
    {
        var table = new HeavyHitters<int>(100);
        for (var i = 0; i < 1_000_000; i++)
        {
            table.Add(i % 10 == 0 ? -1 : i);
        }

        Assert.InRange(table.Count, 1, 100);
        var top = table.Top(1)[0];
        Assert.Equal(-1, top.Key);
        Assert.Equal(100_000, top.Value);
        Assert.Equal(1_000_000, table.Total);
    }

    [Fact]
    public void Decay_FadesKeysOut()
    {
        var table = new HeavyHitters<string>(10);
        table.Add("a", 8);
        for (var i = 0; i < 10; i++)
        {
            table.Decay(0.5);
        }

        Assert.Equal(0, table.Count);
    }
}
