using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Functions;
using Rempart.Gateway.Functions.Edge;

namespace Rempart.Gateway.Functions;

/// <summary>
/// Runs one function of a validated config against a sample event, offline, under the function's
/// own limits, and reports what it would do (the rewritten request, the response it would send,
/// its console lines, a failure) without applying anything — `rempart functions test`, in the
/// spirit of CloudFront's TestFunction. The sample event is CloudFront-shaped JSON; missing
/// parts (context, viewer, headers…) are filled in.
/// </summary>
public static class FunctionTester
{
    public static JsonObject Test(GatewayConfig config, string name, string eventJson)
    {
        if (!config.Functions.TryGetValue(name, out var function) || function.Source is null)
        {
            throw new ArgumentException($"no JavaScript function named '{name}' in the config (functions: {string.Join(", ", config.Functions.Keys)})");
        }

        using var parsed = JsonDocument.Parse(eventJson);
        if (parsed.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("the event must be a JSON object such as { \"request\": { \"method\": \"GET\", \"uri\": \"/\" } }");
        }

        var runtime = new FunctionRuntime(function.Source, FunctionLimits.For(function.On, function.Limits));
        EdgeRequest? before = null;
        EdgeResponse? beforeResponse = null;
        var viewerRequest = function.On == FunctionTrigger.ViewerRequest;
        // Run twice and report the second run: the first pays for starting the interpreter, as the gateway's load-time warm-up does.
        FunctionOutcome<EdgeResult> Run() => runtime.Invoke(eventJson, (engine, json) =>
        {
            var e = (ObjectInstance)new JsonParser(engine).Parse(json);
            Complete(engine, e, viewerRequest);
            var request = (ObjectInstance)e.Get("request");
            before = CloudFrontEvent.ReadViewerRequestResult(request, new EdgeRequest(TypeConverterText(request.Get("method"), "GET"), "/", [], [], [])).Request;
            if (!viewerRequest)
            {
                beforeResponse = CloudFrontEvent.ReadViewerResponseResult(e.Get("response"));
            }

            return e;
        }, (_, result, _, _) => viewerRequest ? CloudFrontEvent.ReadViewerRequestResult(result, before!) : new EdgeResult(null, CloudFrontEvent.ReadViewerResponseResult(result)));
        Run();
        var outcome = Run();

        var report = new JsonObject
        {
            ["function"] = name,
            ["trigger"] = ConfigNaming.ToSnakeCase(function.On.ToString()),
            ["result"] = outcome.Failure?.Kind ?? "ok",
            ["duration_ms"] = Math.Round(outcome.Duration.TotalMilliseconds, 3),
        };
        if (outcome.Failure is { } failure)
        {
            report["error"] = failure.Message;
            report["limit"] = failure.LimitName;
            report["on_error"] = ConfigNaming.ToSnakeCase(function.OnError.ToString());
        }
        else if (outcome.Value!.Request is { } request)
        {
            report["effect"] = ReferenceEquals(request, before) || Same(request, before!) ? "unchanged" : "request_rewritten";
            report["request"] = CloudFrontJson.Request(request);
        }
        else
        {
            var response = outcome.Value.Response!;
            report["effect"] = viewerRequest ? "response_sent" : (Same(response, beforeResponse!) ? "unchanged" : "response_changed");
            report["response"] = CloudFrontJson.Response(response);
        }

        report["logs"] = new JsonArray(outcome.Logs.Select(l => (JsonNode)l).ToArray());
        return report;
    }

    private static bool Same(EdgeRequest a, EdgeRequest b) =>
        a.Uri == b.Uri && a.Query.SequenceEqual(b.Query) && a.Headers.SequenceEqual(b.Headers) && a.Cookies.SequenceEqual(b.Cookies);

    private static bool Same(EdgeResponse a, EdgeResponse b) =>
        a.StatusCode == b.StatusCode && a.StatusDescription == b.StatusDescription && a.Headers.SequenceEqual(b.Headers) && a.Cookies.SequenceEqual(b.Cookies);

    private static string TypeConverterText(JsValue value, string fallback) => value.IsString() ? value.AsString() : fallback;

    /// <summary>Fills what a hand-written sample usually leaves out, so a minimal event works.</summary>
    private static void Complete(Jint.Engine engine, ObjectInstance e, bool viewerRequest)
    {
        if (e.Get("version").IsUndefined())
        {
            e.Set("version", CloudFrontEvent.Version);
        }

        var request = Child(engine, e, "request");
        foreach (var key in new[] { "querystring", "headers", "cookies" })
        {
            Child(engine, request, key);
        }

        if (request.Get("method").IsUndefined())
        {
            request.Set("method", "GET");
        }

        if (request.Get("uri").IsUndefined())
        {
            request.Set("uri", "/");
        }

        var context = Child(engine, e, "context");
        if (context.Get("eventType").IsUndefined())
        {
            context.Set("eventType", viewerRequest ? "viewer-request" : "viewer-response");
        }

        if (context.Get("requestId").IsUndefined())
        {
            context.Set("requestId", "test");
        }

        var viewer = Child(engine, e, "viewer");
        if (viewer.Get("ip").IsUndefined())
        {
            viewer.Set("ip", "192.0.2.1");
        }

        if (!viewerRequest)
        {
            var response = Child(engine, e, "response");
            if (response.Get("statusCode").IsUndefined())
            {
                response.Set("statusCode", 200);
            }

            Child(engine, response, "headers");
            Child(engine, response, "cookies");
        }
    }

    private static ObjectInstance Child(Jint.Engine engine, ObjectInstance parent, string name)
    {
        if (parent.Get(name) is ObjectInstance existing)
        {
            return existing;
        }

        var created = new JsObject(engine);
        parent.Set(name, created);
        return created;
    }
}
