using Chat.Client.Files;
using Chat.Protocol;

namespace Chat.Client.Terminal;

/// <summary>
/// The terminal's file commands, run in the client and never sent as text: <c>/send PATH [@NAME]</c> sends a file to
/// the current room (or to NAME), <c>/save ID [PATH]</c> writes a received one. Files from others get short ids in
/// order of arrival; the last <see cref="Keep"/> stay in memory until saved or pushed out.
/// </summary>
internal sealed class FileTransfers(string downloads)
{
    public const int Keep = 20;

    public const string SendUsage = "/send PATH [@NAME] - sends a file to the current room, or to NAME";

    public const string SaveUsage = "/save ID [PATH] - saves a received file in the downloads folder, or at PATH";

    private readonly Lock _gate = new();
    private readonly Dictionary<int, ChatPayload> _received = [];
    private readonly Queue<int> _order = new();
    private int _lastId;

    /// <summary>The id of the file <paramref name="serverEvent"/> carries; null when it carries none, or it is our own echo.</summary>
    public int? Receive(ServerEvent serverEvent, string me)
    {
        if (serverEvent is not MessageEvent { Data: not null } message || StringComparer.OrdinalIgnoreCase.Equals(message.From, me))
        {
            return null;
        }

        ChatPayload payload;
        try
        {
            payload = message.GetPayload()!;
        }
        catch (InvalidDataException)
        {
            return null;
        }

        lock (_gate)
        {
            var id = ++_lastId;
            _received[id] = payload;
            _order.Enqueue(id);
            if (_order.Count > Keep)
            {
                _received.Remove(_order.Dequeue());
            }

            return id;
        }
    }

    /// <summary>Runs <paramref name="line"/> if it is <c>/send</c> or <c>/save</c> and returns what to print; null for any other line.</summary>
    public async Task<IReadOnlyList<StyledLine>?> TryRunAsync(ChatClient client, string line, CancellationToken cancellationToken)
    {
        var text = line.Trim();
        if (IsCommand(text, "/send", out var arguments))
        {
            return await SendAsync(client, arguments, cancellationToken);
        }

        if (IsCommand(text, "/save", out arguments))
        {
            return [await SaveAsync(arguments, cancellationToken)];
        }

        return null;
    }

    private static async Task<IReadOnlyList<StyledLine>> SendAsync(ChatClient client, string arguments, CancellationToken cancellationToken)
    {
        var (path, to) = SplitRecipient(arguments);
        if (path.Length == 0)
        {
            return [Error("Usage: " + SendUsage)];
        }

        try
        {
            await client.SendFileAsync(ExpandHome(path), to: to, cancellationToken: cancellationToken);
            // Success shows when the server echoes the message back.
            return [];
        }
        catch (ChatDisconnectedException ex)
        {
            return [Error($"Not sent: {ex.Message}")];
        }
        catch (ChatPayloadTooLargeException ex)
        {
            return [Error($"Not sent: {ex.Message}")];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // NotSupportedException: a pipe or device has no length to check against the limit.
            return [Error($"Cannot send {path}: {ex.Message}")];
        }
    }

    private async Task<StyledLine> SaveAsync(string arguments, CancellationToken cancellationToken)
    {
        var parts = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !int.TryParse(parts[0].Trim('[', ']'), out var id))
        {
            return Error("Usage: " + SaveUsage);
        }

        ChatPayload? payload;
        lock (_gate)
        {
            _received.TryGetValue(id, out payload);
        }

        if (payload is null)
        {
            return Error($"There is no received file {id}: ids are shown as [ID], and the last {Keep} files are kept.");
        }

        var (folder, name) = parts.Length > 1 ? Target(ExpandHome(parts[1]), payload) : (downloads, payload.Name);
        try
        {
            var path = await SafeFileName.SaveAsync(folder, name, payload.ContentType, payload.Data, cancellationToken);
            return new StyledLine([new Span($"*** Saved [{id}] as {path} ({ByteSize.Format(payload.Size)})", Style.Notice)]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Error($"Cannot save [{id}]: {ex.Message}");
        }
    }

    /// <summary>A folder keeps the sender's name (made safe); any other path is the user's own choice of name.</summary>
    private static (string Folder, string? Name) Target(string path, ChatPayload payload) =>
        Directory.Exists(path) || Path.EndsInDirectorySeparator(path)
            ? (path, payload.Name)
            : (Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path));

    /// <summary>A last word <c>@NAME</c> makes it a direct message; the rest is the path, spaces and all.</summary>
    private static (string Path, string? To) SplitRecipient(string arguments)
    {
        var space = arguments.LastIndexOf(' ');
        var last = arguments[(space + 1)..];
        return space > 0 && last.Length > 1 && last[0] == '@'
            ? (arguments[..space].TrimEnd(), last[1..])
            : (arguments, null);
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[1..])
            : path;

    private static bool IsCommand(string text, string command, out string arguments)
    {
        arguments = "";
        if (!text.StartsWith(command, StringComparison.OrdinalIgnoreCase) || text.Length > command.Length && text[command.Length] != ' ')
        {
            return false;
        }

        arguments = text[command.Length..].Trim();
        return true;
    }

    private static StyledLine Error(string text) => new([new Span("!!! " + text, Style.Error)]);
}
