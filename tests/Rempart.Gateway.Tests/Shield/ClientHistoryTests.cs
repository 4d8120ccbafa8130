using System.Net;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Shield.OriginProtection;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>Origin protection's client history on virtual time: what makes a client trusted, and the bound.</summary>
public class ClientHistoryTests
{
    private readonly FakeTimeProvider _time = new();

    private static IPAddress Ip(int i) => new([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);

    [Fact]
    public void Client_IsGood_AfterEnoughGoodAnswers_OnlyOnceEstablished()
    {
        var history = new ClientHistory(_time);
        var client = Ip(1);
        for (var i = 0; i < ClientHistory.GoodRequests; i++)
        {
            Assert.False(history.IsGood(client));
            history.Record(client, good: true);
        }

        Assert.False(history.IsGood(client)); // enough answers, but the first was just now
        _time.Advance(ClientHistory.Established);
        Assert.True(history.IsGood(client));
        Assert.Equal(1, history.Count);
    }

    [Fact]
    public void BadAnswers_DoNotCount()
    {
        var history = new ClientHistory(_time);
        var client = Ip(2);
        for (var i = 0; i < 20; i++)
        {
            history.Record(client, good: i % 5 == 0); // 4 good answers out of 20
        }

        _time.Advance(ClientHistory.Established * 2);
        Assert.False(history.IsGood(client));
        history.Record(client, good: true);
        Assert.True(history.IsGood(client));
    }

    [Fact]
    public void Table_StaysWithinCapacity_AndKeepsGoodClients()
    {
        var history = new ClientHistory(_time, capacity: 100);
        var regular = Ip(0);
        for (var i = 0; i < ClientHistory.GoodRequests; i++)
        {
            history.Record(regular, good: true);
        }

        _time.Advance(ClientHistory.Established);
        for (var i = 1; i <= 1_000; i++)
        {
            history.Record(Ip(i), good: true);
            Assert.InRange(history.Count, 1, history.Capacity);
        }

        Assert.True(history.IsGood(regular));
    }

    [Fact]
    public async Task ConcurrentRecords_CountEveryClientOnce()
    {
        var history = new ClientHistory(_time);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                history.Record(Ip(i % 2_000), good: true);
            }
        })));

        Assert.Equal(2_000, history.Count);
        _time.Advance(ClientHistory.Established);
        Assert.True(history.IsGood(Ip(1_999)));
    }
}
