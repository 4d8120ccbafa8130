namespace Rempart.Gateway.Configuration;

public sealed record AccessLogConfig
{
    [ConfigDoc("Where lines go: stdout, a file path (relative to data_dir), or off.")]
    public string Target { get; init; } = "access.log";

    [ConfigDoc("Rotate the file when it reaches this size.")]
    public ByteSize MaxSize { get; init; } = new(100L * 1024 * 1024);

    [ConfigDoc("How many rotated files to keep (access.log.1 … access.log.N).")]
    public int MaxFiles { get; init; } = 5;

    [ConfigDoc("Lines queued for the writer; beyond it lines are dropped and counted in rempart_access_log_dropped_total.")]
    public int QueueCapacity { get; init; } = 65_536;
}
