using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chat.Tests.Cluster;

/// <summary>
/// A process a cluster test starts (redis-server, a Chat.Host node): its output is kept for failure messages, and
/// disposing kills it by its PID if it is still running.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Queue<string> _output = new();

    private ChildProcess(Process process, string name)
    {
        Process = process;
        Name = name;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Name { get; }

    public bool HasExited => Process.HasExited;

    /// <summary>The last lines it printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return $"--- {Name} (pid {Process.Id}) ---\n" + string.Join("\n", _output);
            }
        }
    }

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(start)!, name);
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            Process.WaitForExit();
        }
    }

    /// <summary>A loopback port free right now (the process that takes it binds it within a moment).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }
}
