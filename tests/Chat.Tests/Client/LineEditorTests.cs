using Chat.Client.Terminal;

namespace Chat.Tests.Client;

public class LineEditorTests
{
    private static ConsoleKeyInfo Key(ConsoleKey key, bool control = false) => new('\0', key, false, false, control);

    private static ConsoleKeyInfo Char(char c) => new(c, ConsoleKey.NoName, false, false, false);

    private static EditResult Type(LineEditor editor, string text)
    {
        var result = default(EditResult);
        foreach (var c in text)
        {
            result = editor.Handle(Char(c));
        }

        return result;
    }

    [Fact]
    public void TypingEditingAndEnterSubmitTheLineAndClearIt()
    {
        var editor = new LineEditor();
        Type(editor, "helo");
        editor.Handle(Key(ConsoleKey.LeftArrow));
        Type(editor, "l");
        editor.Handle(Key(ConsoleKey.End));
        Type(editor, " world!");
        editor.Handle(Key(ConsoleKey.Backspace));

        var result = editor.Handle(Key(ConsoleKey.Enter));

        Assert.Equal(new EditResult(EditAction.Submit, "hello world"), result);
        Assert.Equal(("", 0), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void ControlKeysEraseAndQuit()
    {
        var editor = new LineEditor();
        Type(editor, "one two  ");
        editor.Handle(Key(ConsoleKey.W, control: true));
        Assert.Equal("one ", editor.Text);
        editor.Handle(Key(ConsoleKey.U, control: true));
        Assert.Equal("", editor.Text);

        Assert.Equal(EditAction.None, editor.Handle(Key(ConsoleKey.Enter)).Action);
        Assert.Equal(EditAction.Quit, editor.Handle(Key(ConsoleKey.D, control: true)).Action);
        Type(editor, "x");
        Assert.Equal(EditAction.None, editor.Handle(Key(ConsoleKey.D, control: true)).Action);
        Assert.Equal(EditAction.Quit, editor.Handle(Key(ConsoleKey.C, control: true)).Action);
    }

    [Fact]
    public void HistoryRecallsEarlierLinesAndKeepsTheDraft()
    {
        var editor = new LineEditor();
        Type(editor, "first");
        editor.Handle(Key(ConsoleKey.Enter));
        Type(editor, "second");
        editor.Handle(Key(ConsoleKey.Enter));
        Type(editor, "draft");

        editor.Handle(Key(ConsoleKey.UpArrow));
        Assert.Equal("second", editor.Text);
        editor.Handle(Key(ConsoleKey.UpArrow));
        editor.Handle(Key(ConsoleKey.UpArrow));
        Assert.Equal("first", editor.Text);
        editor.Handle(Key(ConsoleKey.DownArrow));
        editor.Handle(Key(ConsoleKey.DownArrow));
        Assert.Equal(("draft", 5), (editor.Text, editor.Cursor));
    }

    [Fact]
    public void ALongLineScrollsSoTheCursorStaysVisibleAndNeverWraps()
    {
        var editor = new LineEditor(maxLength: 30);
        Type(editor, "abcdefghijklmnopqrstuvwxyz0123456789");
        Assert.Equal(30, editor.Text.Length);

        Assert.Equal(("vwxyz0123", 9), editor.View(10));
        editor.Handle(Key(ConsoleKey.Home));
        Assert.Equal(("abcdefghij", 0), editor.View(10));
    }

    [Fact]
    public void TheScreenRedrawsThePromptAndInputAfterEveryPrintedLine()
    {
        var output = new StringWriter();
        var screen = new TerminalScreen(output, () => 80, colour: false);
        screen.SetPrompt("alice> ");
        screen.Handle(Char('h'));
        screen.Handle(Char('i'));
        output.GetStringBuilder().Clear();

        screen.Print(new StyledLine([new Span("#general <bob> hello")]));

        Assert.Equal("\r\u001b[2K#general <bob> hello\n\r\u001b[2Kalice> hi\r\u001b[9C", output.ToString());
    }
}
