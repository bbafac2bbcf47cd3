// The Element Plus icons the app shows, registered globally as <IconName> (templates and menu entries name them).
// Only these are bundled; add a name here when a template uses a new icon.
import type { App } from 'vue'
import {
  AlarmClock, ArrowDown, ArrowLeft, ArrowRight, ArrowUp, Back,
  Bell, Bottom, Box, Camera, ChatDotRound, Check,
  CircleCheck, CircleCheckFilled, CircleCloseFilled, Clock, Close, Cpu,
  DataAnalysis, Delete, Document, DocumentChecked, Download, Edit,
  EditPen, Files, Finished, FolderChecked, Grid, House,
  Link, Loading, Lock, Minus, Picture, Place,
  Plus, Pointer, Promotion, Rank, RefreshLeft, Search,
  Setting, Share, Stamp, Suitcase, Switch, SwitchButton,
  Ticket, Timer, Upload, UploadFilled, User, UserFilled,
  VideoPlay, View, Warning, WarningFilled, Guide, Menu, QuestionFilled,
} from '@element-plus/icons-vue'

const ICONS = {
  AlarmClock, ArrowDown, ArrowLeft, ArrowRight, ArrowUp, Back,
  Bell, Bottom, Box, Camera, ChatDotRound, Check,
  CircleCheck, CircleCheckFilled, CircleCloseFilled, Clock, Close, Cpu,
  DataAnalysis, Delete, Document, DocumentChecked, Download, Edit,
  EditPen, Files, Finished, FolderChecked, Grid, House,
  Link, Loading, Lock, Minus, Picture, Place,
  Plus, Pointer, Promotion, Rank, RefreshLeft, Search,
  Setting, Share, Stamp, Suitcase, Switch, SwitchButton,
  Ticket, Timer, Upload, UploadFilled, User, UserFilled,
  VideoPlay, View, Warning, WarningFilled, Guide, Menu, QuestionFilled,
}

export function registerIcons(app: App) {
  for (const [name, comp] of Object.entries(ICONS)) app.component(`Icon${name}`, comp)
}
