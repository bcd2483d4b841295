// Times putting a kept tree (every file of FOLDER) into a new folder under WORK with M1Env's own
// FileLinker, once per link mode and run, and prints each mode's median and the way it took:
//
//     dotnet run -c Release --project bench/link_modes -- FOLDER WORK [--runs 9]
//
// WORK must be on the same file system as FOLDER (clones and hard links never cross one). Each run
// starts from a cold target (a new folder) with the source in the page cache, as a build finds it.
using System.Diagnostics;
using System.Globalization;
using M1Env.Core.Infrastructure.Diagnostics;
using M1Env.Core.Infrastructure.FileSystem;

if (OperatingSystem.IsWindows() || args.Length < 2 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: LinkModes FOLDER WORK [--runs N]");
    return 2;
}

var source = Path.GetFullPath(args[0]);
var work = Path.GetFullPath(args[1]);
var runs = args.Length > 3 && args[2] == "--runs" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 9;
var files = Directory.GetFiles(source, "*", SearchOption.AllDirectories);
var bytes = files.Sum(f => new FileInfo(f).Length);
Console.WriteLine(FormattableString.Invariant($"{files.Length} files, {bytes / 1048576.0:F1} MiB, {runs} runs each"));

foreach (var mode in new[] { LinkMode.Clone, LinkMode.Hardlink, LinkMode.Copy })
{
    var times = new List<double>();
    var ways = new HashSet<LinkMode>();
    for (var run = 0; run < runs; run++)
    {
        var target = Path.Combine(work, $"{mode}-{run}");
        var watch = Stopwatch.StartNew();
        var tree = new FileLinker(mode, NullProvisionLog.Instance).ForTree();
        foreach (var file in files)
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            ways.Add(tree.Place(file, to));
        }

        times.Add(watch.Elapsed.TotalMilliseconds);
        Directory.Delete(target, recursive: true);
    }

    times.Sort();
    Console.WriteLine(FormattableString.Invariant($"{mode.ToString().ToLowerInvariant(),-9} median {times[runs / 2],8:F1} ms  (min {times[0]:F1}, max {times[^1]:F1})  took: {string.Join(", ", ways)}"));
}

return 0;
