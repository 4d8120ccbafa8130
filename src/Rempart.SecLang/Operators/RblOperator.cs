using System.Net;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary>
/// <c>@rbl zone</c> — looks the IPv4 value up in a DNS block list (<c>4.3.2.1.zone</c>); matches when it
/// resolves. The lookup is bounded by a 500 ms timeout and a failure is "not listed".
/// </summary>
internal sealed class RblOperator(OperatorContext context) : IOperator
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(500);
    private readonly string _zone = context.Argument.Trim().TrimStart('.');

    public bool Evaluate(Transaction transaction, string input)
    {
        if (!IPAddress.TryParse(input, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var name = $"{bytes[3]}.{bytes[2]}.{bytes[1]}.{bytes[0]}.{_zone}";
        try
        {
            var lookup = Dns.GetHostAddressesAsync(name);
            if (!lookup.Wait(s_timeout) || lookup.Result.Length == 0)
            {
                return false;
            }

            transaction.SetCapture(0, lookup.Result[0].ToString());
            return true;
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
