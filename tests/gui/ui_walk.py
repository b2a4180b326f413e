"""What the translation and accessibility tests look at in a window or dialog: its controls (the widgets a person
operates, without Qt's own inner parts), and the texts that would be cut off (a size below the size hint)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)
# Qt's own parts of a control: a spin box's line edit, a tab bar's scroll arrows, a table's corner button...
INNER_PARENTS = (QComboBox, QAbstractSpinBox, QTabBar, QHeaderView)


def _inner(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return True
    if isinstance(parent, INNER_PARENTS):
        return True
    if isinstance(parent, QAbstractScrollArea) and isinstance(widget, QAbstractButton):
        return True  # a table's corner button
    if isinstance(parent, QToolBar) and type(widget).__name__ == "QToolBarExtension":
        return True
    return type(widget).__name__ in ("QLineEditIconButton", "QToolBarExtension")


def controls(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QWidget) if isinstance(w, CONTROLS) and not _inner(w)]
    found += [b for b in root.findChildren(QGroupBox) if b.isCheckable()]
    return [w for w in found if w.isVisibleTo(root)]


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}({widget.objectName() or text or widget.accessibleName()!r})"


def clipped(root: QWidget) -> list[str]:
    """Texts shown smaller than they ask for, once the layout has settled."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QLabel | QPushButton | QCheckBox | QToolButton):
            continue
        if not widget.isVisibleTo(root) or not widget.text() or _inner(widget):
            continue
        if isinstance(widget, QToolButton) and widget.toolButtonStyle() == widget.toolButtonStyle().ToolButtonIconOnly:
            continue
        hint = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if widget.height() < need:
                found.append(f"{describe(widget)} {widget.width()}x{widget.height()}, needs height {need}")
        elif widget.width() < hint.width() or widget.height() < hint.height():
            found.append(
                f"{describe(widget)} is {widget.width()}x{widget.height()}, needs {hint.width()}x{hint.height()}"
            )
    for header in root.findChildren(QHeaderView):
        if not header.isVisibleTo(root) or header.orientation() is not Qt.Orientation.Horizontal:
            continue
        model = header.model()
        for section in range(header.count()):
            if header.isSectionHidden(section) or model is None:
                continue
            need = header.sectionSizeFromContents(section).width()
            if header.sectionSize(section) < need:
                title = model.headerData(section, Qt.Orientation.Horizontal)
                found.append(f"column {title!r} is {header.sectionSize(section)} wide, needs {need}")
    for bar in root.findChildren(QToolBar):
        extension = [w for w in bar.findChildren(QToolButton) if type(w).__name__ == "QToolBarExtension"]
        if bar.isVisibleTo(root) and any(w.isVisible() for w in extension):
            found.append(f"toolbar {bar.windowTitle()!r} overflows: some buttons are in its » menu")
    return found
