"""cchc: báo cáo cải cách hành chính — số liệu có kiểm tra, tổng hợp, chấm điểm và văn bản."""

__version__ = "0.1.0"
