namespace M1Env.Tool.Doctor;

/// <summary>How a checklist line ended.</summary>
internal enum DoctorStatus
{
    Pass,
    Warn,
    Fail,
}

/// <summary>One line of <c>m1env doctor</c>'s checklist, with what to do when it is not a pass.</summary>
internal sealed record DoctorCheck(string Name, DoctorStatus Status, string Detail, string? Fix = null);
