using Rempart.Cli;

return await RempartCli.InvokeAsync(args).ConfigureAwait(false);
