using System.CommandLine;

namespace Rempart.Cli;

/// <summary>The `rempart` command tree. Each command lives in its own file; this one only assembles them.</summary>
public static class RempartCli
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Rempart — a self-hosted edge security gateway: reverse proxy, WAF, DDoS shield and automations in one program.")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            SchemaCommand.Create(),
            AdminClientCommands.Status(),
            AdminClientCommands.Origins(),
            AdminClientCommands.Reload(),
            AdminClientCommands.Explain(),
            PurgeCommand.Create(),
            AttackCommands.Attacks(),
            AttackCommands.UnderAttack(),
            DecisionCommands.Ban(),
            DecisionCommands.Unban(),
            DecisionCommands.List(),
            new Command("waf", "Web ACL tools.") { WafTestCommand.Create(), WafImportCommand.Create() },
            new Command("functions", "Function tools.") { FunctionsTestCommand.Create() },
        };

        // Signals are ours: a graceful stop drains requests for up to shutdown_timeout, longer than
        // System.CommandLine's own termination grace would allow.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
