"""The 文书登记 page: the shared document register of every area — searched by serial, kind,
person or unit and date; each document's outputs and reprints; 补打 at the counter by serial."""
