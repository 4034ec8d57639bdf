namespace Chat.Host;

/// <summary>
/// Short forms for the chat endpoint, as the original server took its address on the command line:
/// <c>--chat-ip 0.0.0.0 --chat-port 6000</c> becomes <c>--Kestrel:Endpoints:Chat:Url=http://0.0.0.0:6000</c>.
/// </summary>
public static class CommandLineShortcuts
{
    public static string[] Expand(string[] args)
    {
        string? ip = null, port = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--chat-ip" when i + 1 < args.Length:
                    ip = args[++i];
                    break;
                case "--chat-port" when i + 1 < args.Length:
                    port = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (ip is not null || port is not null)
        {
            rest.Add($"--Kestrel:Endpoints:Chat:Url=http://{ip ?? "127.0.0.1"}:{port ?? "5555"}");
        }

        return [.. rest];
    }
}
