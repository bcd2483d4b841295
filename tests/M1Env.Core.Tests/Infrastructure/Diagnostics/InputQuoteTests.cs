using M1Env.Core.Infrastructure.Diagnostics;

namespace M1Env.Core.Tests.Infrastructure.Diagnostics;

public class InputQuoteTests
{
    [Fact]
    public void Keeps_a_value_of_up_to_100_characters()
    {
        var value = new string('a', 100);
        Assert.Equal(value, InputQuote.Shorten(value));
        Assert.Equal(string.Empty, InputQuote.Shorten(null));
    }

    [Fact]
    public void Cuts_a_longer_value_to_100_characters_and_says_how_long_it_was()
    {
        var value = "numpy" + new string('x', 10_235);
        Assert.Equal("numpy" + new string('x', 95) + "… (10240 characters)", InputQuote.Shorten(value));
    }

    [Fact]
    public void Never_cuts_a_surrogate_pair_in_half()
    {
        var value = new string('a', 99) + "😀" + new string('b', 50);
        Assert.Equal(new string('a', 99) + "… (151 characters)", InputQuote.Shorten(value));
    }

    [Fact]
    public void Cuts_a_tool_line_to_160_characters_and_keeps_a_shorter_one()
    {
        var line = "ERROR: No matching distribution found for m1-" + new string('x', 4997);
        Assert.Equal(line[..160] + "… (5042 characters)", InputQuote.Line(line));
        Assert.Equal("Collecting six", InputQuote.Line("Collecting six"));
    }
}
