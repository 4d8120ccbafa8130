using Microsoft.Extensions.Logging;

namespace Rempart.Cli;

/// <summary>Operator logs: one line per event on stderr (stdout is for the banner and command output); Rempart at Information, the framework only when something is wrong.</summary>
internal static class Logging
{
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(b => b
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
            o.UseUtcTimestamp = true;
        })
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddFilter("Rempart", LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System", LogLevel.Warning)
        .AddFilter("Yarp", LogLevel.Warning)
        .SetMinimumLevel(LogLevel.Information));
}
