using System.Text;
using M1Env.Core.Packaging;

namespace M1Env.Core.Tests.Packaging;

/// <summary>Lines of an installed wheel's RECORD.</summary>
public sealed class RecordLineTests
{
    [Theory]
    [InlineData("pip/__init__.py,sha256=abc,357", "pip/__init__.py")]
    [InlineData("../../../bin/pip3.11,sha256=abc,230", "../../../bin/pip3.11")]
    [InlineData("pip/__pycache__/__init__.cpython-311.pyc,,", "pip/__pycache__/__init__.cpython-311.pyc")]
    [InlineData("", "")]
    [InlineData("no-commas", "")]
    public void The_path_is_everything_before_the_hash_and_size(string line, string path) =>
        Assert.Equal(path, RecordLine.Path(line));

    [Fact]
    public void A_line_holds_the_unpadded_urlsafe_sha256_and_the_size() =>
        // sha256("hello\n") = 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03
        Assert.Equal("../../../bin/pip,sha256=WJG1tSLV3whtD_CxEPvZ0hu0_HFjrzTQgoai6Eb2vgM,6", RecordLine.For("../../../bin/pip", Encoding.UTF8.GetBytes("hello\n")));
}
