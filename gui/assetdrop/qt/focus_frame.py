"""A keyboard focus you can see in the tables (issue 19, item 9): while a table or the grid has the focus, its
current row (or, in the grid, its current item) is framed, on a selected row as on a plain one.

Fusion draws an item view's focus only as a faint line round the current cell, and only after a Tab; on a
selected row, in the selection's own colour, it cannot be seen at all. So the frame is drawn by a child of the
view's viewport, painted over the rows and transparent to the mouse: a dark 2 px outline (the palette's text
colour) with a 1 px light one inside (its highlighted-text colour), which stands out against the selection's fill
and the plain background alike. The view itself is not changed, so any view can be given one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QWidget

WIDTH = 2


class FocusFrame(QWidget):
    def __init__(self, view: QAbstractItemView):
        super().__init__(view.viewport())
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._shown: QRect | None = None  # where the frame was last drawn
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)
        selection = view.selectionModel()
        if selection is not None:
            selection.currentChanged.connect(self.refresh)
        model = view.model()
        if model is not None:
            for signal in (model.layoutChanged, model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(self.refresh)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.refresh)
        self.refresh()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.refresh()
        return False

    def refresh(self, *_args: object) -> None:
        """Follow the view: cover its viewport (a scroll moves the viewport's children too) and repaint only where
        the frame was and where it goes, so a 100,000-row table is not repainted whole for it."""
        area = self.view.viewport().rect()
        if self.geometry() != area:
            self.setGeometry(area)
        rect = self.frame_rect()
        if rect != self._shown:
            for old_or_new in (self._shown, rect):
                if old_or_new is not None:
                    self.update(old_or_new.adjusted(-1, -1, 1, 1))
            self._shown = rect

    def frame_rect(self) -> QRect | None:
        """Where the frame goes (viewport coordinates), or None while the view has not the focus."""
        view = self.view
        index = view.currentIndex()
        if not view.hasFocus() or not index.isValid():
            return None
        rect = view.visualRect(index)
        if rect.isEmpty():
            return None
        if view.selectionBehavior() is QAbstractItemView.SelectionBehavior.SelectRows:
            rect = QRect(0, rect.top(), self.width(), rect.height())  # the whole row
        return rect.adjusted(0, 0, -1, -1)

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.frame_rect()
        if rect is None:
            return
        painter = QPainter(self)
        palette = self.view.palette()
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), WIDTH, Qt.PenStyle.SolidLine))
        painter.drawRect(rect.adjusted(WIDTH // 2, WIDTH // 2, -(WIDTH // 2), -(WIDTH // 2)))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.HighlightedText), 1, Qt.PenStyle.SolidLine))
        painter.drawRect(rect.adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH))
        painter.end()
