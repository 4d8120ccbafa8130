namespace Rempart.Gateway.Model;

/// <summary>Routes in config order; the first match wins.</summary>
public sealed class RouteTable(RouteModel[] routes)
{
    public IReadOnlyList<RouteModel> All => routes;

    public RouteModel? Match(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        foreach (var route in routes)
        {
            if (route.Matches(host, path))
            {
                return route;
            }
        }

        return null;
    }
}
