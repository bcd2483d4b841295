using System.Text;
using M1Env.Core.Packaging;
using M1Env.Testing;

namespace M1Env.Core.Tests.Packaging;

/// <summary>RECORD read and written as Python's csv module (and so pip) reads and writes it.</summary>
public sealed class RecordFileTests
{
    [Theory]
    [InlineData("pip/__init__.py,sha256=abc,357", "pip/__init__.py", "sha256=abc", "357")]
    [InlineData("../../../bin/pip3.11,sha256=abc,230", "../../../bin/pip3.11", "sha256=abc", "230")]
    [InlineData("pip/__pycache__/__init__.cpython-311.pyc,,", "pip/__pycache__/__init__.cpython-311.pyc", "", "")]
    [InlineData("\"pkg/a,b.txt\",sha256=abc,3", "pkg/a,b.txt", "sha256=abc", "3")]
    [InlineData("\"pkg/say \"\"hi\"\",now.txt\",sha256=abc,3", "pkg/say \"hi\",now.txt", "sha256=abc", "3")]
    [InlineData("pkg/just a space.txt,sha256=abc,3", "pkg/just a space.txt", "sha256=abc", "3")]
    public void A_row_is_split_as_csv(string line, string path, string hash, string size) =>
        Assert.Equal(new RecordEntry(path, hash, size), Assert.Single(RecordFile.Parse(line + "\r\n")));

    [Fact]
    public void Blank_lines_are_no_rows_and_a_quoted_path_may_span_lines()
    {
        var entries = RecordFile.Parse("a.py,sha256=x,1\n\r\n\"odd\nname.txt\",sha256=y,2\nRECORD,,");

        Assert.Equal([new RecordEntry("a.py", "sha256=x", "1"), new RecordEntry("odd\nname.txt", "sha256=y", "2"), RecordEntry.Unhashed("RECORD")], entries);
    }

    [Fact]
    public void Written_text_is_what_pythons_csv_writer_writes()
    {
        var entries = new[]
        {
            new RecordEntry("pkg/__init__.py", "sha256=abc", "3"),
            new RecordEntry("pkg/a,b.txt", "sha256=def", "4"),
            new RecordEntry("pkg/q\"uote.txt", "sha256=ghi", "5"),
            RecordEntry.Unhashed("pkg-1.0.dist-info/RECORD"),
        };

        // What csv.writer(f).writerows(...) gives for these rows (Python 3.11, pip's dialect).
        Assert.Equal(
            "pkg/__init__.py,sha256=abc,3\r\n\"pkg/a,b.txt\",sha256=def,4\r\n\"pkg/q\"\"uote.txt\",sha256=ghi,5\r\npkg-1.0.dist-info/RECORD,,\r\n",
            RecordFile.Format(entries));
        Assert.Equal(entries, RecordFile.Parse(RecordFile.Format(entries)));
    }

    [Fact]
    public void A_file_written_reads_back_the_same()
    {
        using var temp = new TempDirectory("m1env-record-file");
        var path = temp.Combine("RECORD");
        var entries = new[] { RecordEntry.For("pkg/a,b \"c\".txt", "x"u8.ToArray()), RecordEntry.Unhashed("RECORD") };

        RecordFile.Write(path, entries);

        Assert.Equal(entries, RecordFile.Read(path));
    }

    [Fact]
    public void An_entry_holds_the_unpadded_urlsafe_sha256_and_the_size()
    {
        // sha256("hello\n") = 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03
        var entry = RecordEntry.For("../../../bin/pip", Encoding.UTF8.GetBytes("hello\n"));

        Assert.Equal(new RecordEntry("../../../bin/pip", "sha256=WJG1tSLV3whtD_CxEPvZ0hu0_HFjrzTQgoai6Eb2vgM", "6"), entry);
        Assert.Equal("WJG1tSLV3whtD_CxEPvZ0hu0_HFjrzTQgoai6Eb2vgM", entry.Sha256);
        Assert.Equal(6, entry.Bytes);
        Assert.Null(RecordEntry.Unhashed("RECORD").Sha256);
        Assert.Null(RecordEntry.Unhashed("RECORD").Bytes);
    }
}
