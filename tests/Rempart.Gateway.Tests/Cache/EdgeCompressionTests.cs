using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Rempart.Gateway.Cache;
using Rempart.Gateway.Tests.Infrastructure;
using static Rempart.Gateway.Tests.Cache.CacheTestSupport;

namespace Rempart.Gateway.Tests.Cache;

/// <summary>Brotli and gzip at the edge: only when the client accepts and the origin did not compress; one stored variant per coding.</summary>
public class EdgeCompressionTests
{
    private static readonly string Page = string.Concat(Enumerable.Range(0, 400).Select(i => $"<p>line {i} of a compressible page</p>\n"));

    private static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(TestGateway gw, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await gw.Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static string Decode(string? coding, byte[] body)
    {
        using var input = new MemoryStream(body);
        using Stream decoded = coding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => input,
        };
        using var reader = new StreamReader(decoded);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task CompressibleResponse_IsCompressedPerClient_AndEachCodingStoredOnce()
    {
        await using var origin = await TestOrigin.StartAsync();
        // Each origin answer a second newer than the last: the identity copy is the most recent variant (RFC 9111 §4.1).
        var start = DateTimeOffset.UtcNow;
        origin.Handler = context => Answer(Page, ("Cache-Control", "max-age=60"), ("Content-Type", "text/html; charset=utf-8"), ("ETag", "\"p1\""), ("Date", start.AddSeconds(origin.Hits).ToString("R")))(context);
        await using var gw = await TestGateway.StartAsync(Config(origin));

        foreach (var (accept, coding) in new[] { ("gzip, deflate, br", "br"), ("br;q=1.0, gzip;q=0.8", "br"), ("gzip", "gzip"), ("identity", null), (null, null), ("*", "br"), ("br;q=0, gzip", "gzip") })
        {
            var (response, body) = await GetAsync(gw, "/page", accept);
            using (response)
            {
                Assert.Equal(coding, response.Content.Headers.ContentEncoding.SingleOrDefault());
                Assert.Equal(Page, Decode(coding, body));
                Assert.Contains("Accept-Encoding", response.Headers.Vary); // the identity copy is a variant too
                if (coding is not null)
                {
                    Assert.True(body.Length < Page.Length / 2);
                    Assert.Equal("W/\"p1\"", response.Headers.ETag?.ToString());
                }
            }
        }

        Assert.Equal(3, origin.Hits); // br, gzip, identity: one origin request (and one stored variant) each
        Assert.All(origin.Received, r => Assert.False(r.Headers.TryGetValue("Accept-Encoding", out var ae) && ae.Contains(',')));
        Assert.Contains("rempart_cache_compressed_responses_total{encoding=\"br\"} 1", await gw.MetricsAsync());
    }

    [Fact]
    public async Task AlreadyCompressedOrIncompressible_PassesUntouched()
    {
        await using var origin = await TestOrigin.StartAsync();
        var gzipped = new MemoryStream();
        using (var gz = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(System.Text.Encoding.UTF8.GetBytes(Page));
        }

        origin.Handler = async context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            if (context.Request.Path == "/pre")
            {
                context.Response.ContentType = "text/html";
                context.Response.Headers.ContentEncoding = "gzip";
                context.Response.Headers.Vary = "Accept-Encoding";
                await context.Response.Body.WriteAsync(gzipped.ToArray());
                return;
            }

            context.Response.ContentType = "image/png";
            await context.Response.WriteAsync(Page);
        };
        await using var gw = await TestGateway.StartAsync(Config(origin));

        var (pre, preBody) = await GetAsync(gw, "/pre", "gzip, br");
        var (png, pngBody) = await GetAsync(gw, "/img.png", "gzip, br");

        Assert.Equal("gzip", pre.Content.Headers.ContentEncoding.Single());
        Assert.Equal(Page, Decode("gzip", preBody));
        Assert.Empty(png.Content.Headers.ContentEncoding);
        Assert.Equal(Page.Length, pngBody.Length);
    }

    [Theory]
    [InlineData("gzip;q=0.5, br;q=0.4", "gzip")]
    [InlineData("deflate", null)]
    [InlineData("*;q=0", null)]
    [InlineData("GZIP", "gzip")]
    [InlineData("br;q=abc, gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("*", "br")]
    [InlineData("gzip;q=0, *", "br")]
    [InlineData("br;q=0, *;q=0.5", "gzip")]
    [InlineData(" x-gzip ; q=0.8 , br;q=0.7", "gzip")]
    [InlineData("br;level=5;q=0.2, gzip;q=0.1", "br")]
    [InlineData("brotli, gzip;q=0.5, *;q=0.9", "br")]
    [InlineData(",, ,", null)]
    [InlineData("", null)]
    public void Negotiate_PicksTheClientsPreferredCoding(string header, string? expected) =>
        Assert.Equal(expected, EdgeCompression.Negotiate(header));

    [Fact]
    public void Negotiate_AllocatesNothing()
    {
        // It runs on every request of a cached route, hits included.
        StringValues browser = new(["gzip, deflate, br, zstd", "identity;q=0.5, *;q=0"]);
        Assert.Equal("br", EdgeCompression.Negotiate(browser));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            EdgeCompression.Negotiate(browser);
            EdgeCompression.Negotiate("gzip;q=0.5, br;q=0.4");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
