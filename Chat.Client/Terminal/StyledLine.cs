namespace Chat.Client.Terminal;

public enum Style
{
    Plain,
    Notice,
    Error,
    Name,
    Time,
}

/// <summary>A piece of a printed line; a <see cref="Style.Name"/> span is coloured by the name it holds.</summary>
public readonly record struct Span(string Text, Style Style = Style.Plain);

/// <summary>One printed line, plain text plus how its parts are styled on a terminal.</summary>
public sealed record StyledLine(IReadOnlyList<Span> Spans)
{
    public string Text => string.Concat(Spans.Select(s => s.Text));

    public StyledLine Prepend(Span span) => new([span, .. Spans]);

    public override string ToString() => Text;
}
