//! Section 1: how to get the data, with the commands to copy.

use acs_check::{hosts::COLLECT_COMMAND, Lang};
use leptos::prelude::*;

use super::common::Command;
use crate::texts::t;

/// The PowerShell equivalent of the one-liner: systeminfo, the revision, the trusted-root store.
pub const POWERSHELL_COMMAND: &str = "systeminfo; cmd /c ver; Get-ChildItem Cert:\\LocalMachine\\Root";
/// Every command the page suggests includes `ver`: the revision is what confirms a result.
pub const BASIC_COMMAND: &str = "systeminfo & ver";
pub const POWERSHELL_HOTFIX_COMMAND: &str = "cmd /c ver; Get-HotFix";
pub const SAVE_COMMAND_CMD: &str = "(systeminfo & ver & certutil -store Root F40042E2E5F7E8EF8189FED15519AECE42C3BFA2) > \"%USERPROFILE%\\Desktop\\acs-check.txt\"";
pub const SAVE_COMMAND_POWERSHELL: &str = "& { systeminfo; cmd /c ver; Get-ChildItem Cert:\\LocalMachine\\Root } > \"$env:USERPROFILE\\Desktop\\acs-check.txt\"";

#[component]
pub fn HowTo(lang: Lang) -> impl IntoView {
    let tr = move |k: &str| t(lang, k);
    view! {
        <p>{tr("ui.howto.intro")}</p>
        <ol class="steps">
            <li>
                <p>{tr("ui.howto.cmd")}</p>
                <Command command=COLLECT_COMMAND.to_owned() lang=lang/>
                <p class="sub">{tr("ui.howto.cmd_basic")}</p>
                <Command command=BASIC_COMMAND.to_owned() lang=lang/>
            </li>
            <li>
                <p>{tr("ui.howto.powershell")}</p>
                <Command command=POWERSHELL_COMMAND.to_owned() lang=lang/>
                <p class="sub">{tr("ui.howto.powershell_more")}</p>
                <Command command=POWERSHELL_HOTFIX_COMMAND.to_owned() lang=lang/>
            </li>
            <li>
                <p>{tr("ui.howto.save")}</p>
                <Command command=SAVE_COMMAND_CMD.to_owned() lang=lang/>
                <Command command=SAVE_COMMAND_POWERSHELL.to_owned() lang=lang/>
            </li>
        </ol>
        <p class="note">{tr("ui.howto.encoding")}</p>
    }
}
