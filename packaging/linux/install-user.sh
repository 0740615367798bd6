#!/bin/sh
# Install a built bodymap bundle for the current user (no root): the program, its menu
# entry, its icon, and the .bodymap file type so that a double-click opens a session.
#
#   sh packaging/linux/install-user.sh dist/bodymap      # the folder packaging/build.py made
#
# Everything goes under ~/.local; uninstall by deleting what this prints.
set -eu
bundle=${1:?usage: install-user.sh BUNDLE_FOLDER (the dist/bodymap that build.py made)}
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=org.bodymap.BodyMap

[ -x "$bundle/bodymap" ] || { echo "install-user.sh: no program at $bundle/bodymap" >&2; exit 2; }
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications" "$data/mime/packages" "$data/metainfo"
rm -rf "$HOME/.local/opt/bodymap"
cp -R "$bundle" "$HOME/.local/opt/bodymap"
ln -sf "$HOME/.local/opt/bodymap/bodymap" "$HOME/.local/bin/bodymap"
cp "$here/$id.desktop" "$data/applications/"
cp "$here/$id.xml" "$data/mime/packages/"
cp "$here/$id.metainfo.xml" "$data/metainfo/"
for size in 48 128 256; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$here/$id-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/$id.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications"
command -v xdg-mime >/dev/null && xdg-mime default "$id.desktop" application/x-bodymap-session
echo "installed: $HOME/.local/opt/bodymap, $HOME/.local/bin/bodymap, $data/applications/$id.desktop,"
echo "  $data/mime/packages/$id.xml, $data/metainfo/$id.metainfo.xml, icons under $data/icons/hicolor"
