namespace Chat.Bench;

/// <summary>The server's resident memory and CPU time, read from /proc (Linux) when its PID is given.</summary>
public sealed class ServerProcess(int pid)
{
    /// <summary>Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common build.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>VmRSS in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{pid}/status.");
    }

    /// <summary>User plus system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are 14th and 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
