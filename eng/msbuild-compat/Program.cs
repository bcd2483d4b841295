using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;
using Microsoft.Build.Logging;

// Usage: MSBuildCompat <project> <target> [Name=Value...]. Builds the target in this process's MSBuild engine.
var properties = args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
var collection = new ProjectCollection();
var instance = new ProjectInstance(args[0], properties, toolsVersion: null, collection);
var parameters = new BuildParameters(collection) { Loggers = [new ConsoleLogger(LoggerVerbosity.Normal)] };
var result = BuildManager.DefaultBuildManager.Build(parameters, new BuildRequestData(instance, [args[1]]));

foreach (var item in result.ResultsByTarget.TryGetValue(args[1], out var target) ? target.Items : [])
{
    Console.WriteLine($"{item.ItemSpec}: Prefix={item.GetMetadata("Prefix")} Python={item.GetMetadata("Python")} SpecHash={item.GetMetadata("SpecHash")}");
}

var engine = System.Diagnostics.FileVersionInfo.GetVersionInfo(typeof(ProjectCollection).Assembly.Location).FileVersion;
Console.WriteLine($"MSBuild engine {engine} on .NET {Environment.Version}: {result.OverallResult}");
return result.OverallResult == BuildResultCode.Success ? 0 : 1;
