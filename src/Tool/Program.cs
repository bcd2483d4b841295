using System.CommandLine;
using M1Env.Tool;
using M1Env.Tool.Commands;
using M1Env.Tool.Commands.Cache;

var root = new RootCommand("m1env: checks this machine and the Python environments a project declares.")
{
    ProbeCommand.Create(),
    VerifyCommand.Create(),
    PlanCommand.Create(),
    ProvisionCommand.Create(),
    RunCommand.Create(),
    DoctorCommand.Create(),
    CacheCommand.Create(),
};

return await CommandLineGuard.InvokeAsync(root, args, Console.Error);
