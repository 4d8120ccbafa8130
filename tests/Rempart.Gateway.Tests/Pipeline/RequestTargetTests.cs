using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Functions.Edge;
using Rempart.Gateway.Pipeline;

namespace Rempart.Gateway.Tests.Pipeline;

/// <summary>The one path/query split the WAF, the cache and edge functions share, PathBase included.</summary>
public class RequestTargetTests
{
    private static DefaultHttpContext Context(string pathBase, string path, string query, string? rawTarget)
    {
        var context = new DefaultHttpContext();
        context.Request.PathBase = new PathString(pathBase);
        context.Request.Path = new PathString(path);
        context.Request.QueryString = new QueryString(query);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget ?? "";
        return context;
    }

    [Fact]
    public void OriginForm_IsTheRawTarget_PathBaseAndEncodingIncluded()
    {
        var target = RequestTarget.Of(Context("/shop", "/a/b", "?x=1", "/shop/a%2Fb?x=1"));
        Assert.Equal("/shop/a%2Fb", target.Path);
        Assert.Equal("x=1", target.Query);
        Assert.Equal("/shop/a%2Fb?x=1", target.Text);
    }

    [Fact]
    public void WithoutRawTarget_PathBaseComesFirst_AndAnEmptyQueryIsNotAbsent()
    {
        var target = RequestTarget.Of(Context("/shop", "/a b", "?", null));
        Assert.Equal("/shop/a%20b", target.Path);
        Assert.Equal("", target.Query);

        var none = RequestTarget.Of(Context("/shop", "/a", "", null));
        Assert.Null(none.Query);
        Assert.Equal("/shop/a", none.Text);
    }

    [Fact]
    public void AbsoluteForm_FallsBackToPathBaseAndPath()
    {
        var target = RequestTarget.Of(Context("/shop", "/x", "?y=2", "http://example.com/shop/x?y=2"));
        Assert.Equal("/shop/x", target.Path);
        Assert.Equal("y=2", target.Query);
    }

    [Fact]
    public void EdgeFunctions_SeeAndRewriteTheSameTarget()
    {
        var context = Context("/shop", "/a", "?x=1", "/shop/a?x=1");
        var before = EdgeHttp.ReadRequest(context);
        Assert.Equal("/shop/a", before.Uri);

        EdgeHttp.ApplyRequest(context, before, before with { Uri = "/shop/b" });
        Assert.Equal("/shop/b", context.Request.PathBase.Add(context.Request.Path).Value);
        Assert.Equal("/shop/b?x=1", RequestTarget.Of(context).Text);
    }
}
