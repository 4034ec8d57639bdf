using System.Text;

namespace Chat.Client.Terminal;

public enum EditAction
{
    None,
    Submit,
    Quit,
}

public readonly record struct EditResult(EditAction Action, string Line = "");

/// <summary>
/// The line the user is typing, kept apart from the screen so incoming lines can be printed above it and
/// the line redrawn unchanged. Keys: arrows, Home/End (Ctrl+A/E), Backspace/Delete, Ctrl+U/Ctrl+W to
/// erase, Up/Down for history, Enter to send; Ctrl+C, or Ctrl+D on an empty line, quits.
/// </summary>
public sealed class LineEditor(int maxLength = 4000, int historySize = 100)
{
    private readonly StringBuilder _buffer = new();
    private readonly List<string> _history = [];
    private int _historyIndex;
    private string _draft = "";

    public string Text => _buffer.ToString();

    public int Cursor { get; private set; }

    public EditResult Handle(ConsoleKeyInfo key)
    {
        var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return Submit();
            case ConsoleKey.C when control:
                return new EditResult(EditAction.Quit);
            case ConsoleKey.D when control:
                if (_buffer.Length == 0)
                {
                    return new EditResult(EditAction.Quit);
                }

                Delete();
                break;
            case ConsoleKey.Backspace:
                if (Cursor > 0)
                {
                    _buffer.Remove(--Cursor, 1);
                }

                break;
            case ConsoleKey.Delete:
                Delete();
                break;
            case ConsoleKey.LeftArrow:
            case ConsoleKey.B when control:
                Cursor = Math.Max(0, Cursor - 1);
                break;
            case ConsoleKey.RightArrow:
            case ConsoleKey.F when control:
                Cursor = Math.Min(_buffer.Length, Cursor + 1);
                break;
            case ConsoleKey.Home:
            case ConsoleKey.A when control:
                Cursor = 0;
                break;
            case ConsoleKey.End:
            case ConsoleKey.E when control:
                Cursor = _buffer.Length;
                break;
            case ConsoleKey.U when control:
                _buffer.Remove(0, Cursor);
                Cursor = 0;
                break;
            case ConsoleKey.W when control:
                DeleteWordBefore();
                break;
            case ConsoleKey.UpArrow:
                Recall(_historyIndex - 1);
                break;
            case ConsoleKey.DownArrow:
                Recall(_historyIndex + 1);
                break;
            default:
                if (!char.IsControl(key.KeyChar) && _buffer.Length < maxLength)
                {
                    _buffer.Insert(Cursor++, key.KeyChar);
                }

                break;
        }

        return new EditResult(EditAction.None);
    }

    /// <summary>
    /// The part of the line that fits in <paramref name="width"/> columns, scrolled so the cursor stays
    /// visible, and the cursor's column within it. A line never wraps, so a redraw only touches one row.
    /// </summary>
    public (string Visible, int CursorColumn) View(int width)
    {
        width = Math.Max(1, width);
        var start = Math.Max(0, Cursor - width + 1);
        var length = Math.Min(width, _buffer.Length - start);
        return (_buffer.ToString(start, length), Cursor - start);
    }

    private EditResult Submit()
    {
        var line = _buffer.ToString();
        _buffer.Clear();
        Cursor = 0;
        _draft = "";
        if (line.Trim().Length == 0)
        {
            _historyIndex = _history.Count;
            return new EditResult(EditAction.None);
        }

        if (_history.Count == 0 || _history[^1] != line)
        {
            _history.Add(line);
            if (_history.Count > historySize)
            {
                _history.RemoveAt(0);
            }
        }

        _historyIndex = _history.Count;
        return new EditResult(EditAction.Submit, line);
    }

    private void Recall(int index)
    {
        if (index < 0 || index > _history.Count)
        {
            return;
        }

        if (_historyIndex == _history.Count)
        {
            _draft = _buffer.ToString();
        }

        _historyIndex = index;
        _buffer.Clear().Append(index == _history.Count ? _draft : _history[index]);
        Cursor = _buffer.Length;
    }

    private void Delete()
    {
        if (Cursor < _buffer.Length)
        {
            _buffer.Remove(Cursor, 1);
        }
    }

    private void DeleteWordBefore()
    {
        var start = Cursor;
        while (start > 0 && _buffer[start - 1] == ' ')
        {
            start--;
        }

        while (start > 0 && _buffer[start - 1] != ' ')
        {
            start--;
        }

        _buffer.Remove(start, Cursor - start);
        Cursor = start;
    }
}
