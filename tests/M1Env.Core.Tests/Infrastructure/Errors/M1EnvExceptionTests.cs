using M1Env.Core.Infrastructure.Errors;

namespace M1Env.Core.Tests.Infrastructure.Errors;

public sealed class M1EnvExceptionTests
{
    [Fact]
    public void Each_quoted_line_of_tool_output_is_cut_so_a_huge_value_cannot_flood_the_error()
    {
        var exception = new M1EnvException(ErrorCodes.PackageNotOnIndex, "pip found nothing", ["> pip install " + new string('n', 5000), "ERROR: short"]);

        Assert.Equal(2, exception.ToolOutput.Count);
        Assert.EndsWith("… (5014 characters)", exception.ToolOutput[0], StringComparison.Ordinal);
        Assert.True(exception.ToolOutput[0].Length < 200);
        Assert.Equal("ERROR: short", exception.ToolOutput[1]);
    }
}
