using System.Text;

namespace Chat.Client.Terminal;

/// <summary>
/// The interactive screen: printed lines scroll above a prompt line holding what the user types. Every
/// print clears the prompt line, writes the new line, and redraws the prompt with the unchanged input, all
/// under one lock and in one write, so incoming chat never garbles the input.
/// </summary>
public sealed class TerminalScreen(TextWriter output, Func<int> width, bool colour)
{
    private readonly Lock _gate = new();
    private readonly LineEditor _editor = new();
    private string _prompt = "> ";
    private bool _closed;

    public void SetPrompt(string prompt)
    {
        lock (_gate)
        {
            if (prompt != _prompt)
            {
                _prompt = prompt;
                Write(new StringBuilder());
            }
        }
    }

    public void Print(StyledLine line)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                Write(new StringBuilder(Ansi.ClearLine).Append(Ansi.Render(line, colour)).Append('\n'));
            }
        }
    }

    public EditResult Handle(ConsoleKeyInfo key)
    {
        lock (_gate)
        {
            var result = _editor.Handle(key);
            Write(new StringBuilder());
            return result;
        }
    }

    /// <summary>Removes the prompt line; nothing is drawn after this.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            output.Write(Ansi.ClearLine);
            output.Flush();
        }
    }

    /// <summary>Writes <paramref name="text"/> followed by the prompt line, with the cursor where the user is editing.</summary>
    private void Write(StringBuilder text)
    {
        if (_closed)
        {
            return;
        }

        var (visible, column) = _editor.View(Math.Max(10, width() - _prompt.Length - 1));
        text.Append(Ansi.ClearLine).Append(colour ? $"\u001b[1m{_prompt}\u001b[0m" : _prompt).Append(visible).Append('\r');
        var cursor = _prompt.Length + column;
        if (cursor > 0)
        {
            text.Append($"\u001b[{cursor}C");
        }

        output.Write(text.ToString());
        output.Flush();
    }
}
