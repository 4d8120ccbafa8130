using System.Text;
using Rempart.Gateway.Waf.HeaderOrder;

namespace Rempart.Gateway.Tests.Waf;

public class Http1HeadObserverTests
{
    private const string Pipelined =
        "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\nX-Late: 1\r\n\r\nhello world" +
        "POST /chunks HTTP/1.1\r\nTransfer-Encoding: chunked\r\nHost: a\r\n\r\n5;ext=1\r\nGET /\r\n0\r\nX-Trailer: t\r\n\r\n" +
        "GET /last?q=1 HTTP/1.1\r\nX-First: 1\r\nhost: a\r\nUser-Agent: ua\r\n\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void PipelinedRequests_WithBodies_GiveEachHeadItsOrder_HoweverTheBytesAreSplit(int chunk)
    {
        var observer = new Http1HeadObserver();
        var bytes = Encoding.ASCII.GetBytes(Pipelined);
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            observer.Observe(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        }

        Assert.Equal(
            [
                new ObservedHead("POST", "/upload", "host:content-length:x-late"),
                new ObservedHead("POST", "/chunks", "transfer-encoding:host"),
                new ObservedHead("GET", "/last?q=1", "x-first:host:user-agent"),
            ],
            Drain(observer));
        Assert.False(observer.Stopped);
    }

    [Theory]
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]
    [InlineData("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05GET / HTTP/1.1\r\n")]
    [InlineData("POST / HTTP/1.1\r\nContent-Length: -4\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nno colon here\r\n\r\n")]
    public void WhatItDoesNotFollow_StopsTheObservation(string raw)
    {
        var observer = new Http1HeadObserver();
        observer.Observe(Encoding.Latin1.GetBytes(raw));
        observer.Observe(Encoding.ASCII.GetBytes("GET /after HTTP/1.1\r\nHost: a\r\n\r\n"));

        Assert.True(observer.Stopped);
        Assert.DoesNotContain(Drain(observer), h => h.Target == "/after");
    }

    [Fact]
    public void UnreadHeads_AreBounded()
    {
        var observer = new Http1HeadObserver();
        for (var i = 0; i < 1000; i++)
        {
            observer.Observe(Encoding.ASCII.GetBytes($"GET /{i} HTTP/1.1\r\nHost: a\r\n\r\n"));
        }

        var heads = Drain(observer);
        Assert.Equal(Http1HeadObserver.MaxQueuedHeads, heads.Count);
        Assert.Equal("/999", heads[^1].Target);
    }

    private static List<ObservedHead> Drain(Http1HeadObserver observer)
    {
        var heads = new List<ObservedHead>();
        while (observer.TryDequeue(out var head))
        {
            heads.Add(head);
        }

        return heads;
    }
}
