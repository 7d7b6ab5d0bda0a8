"""The findings catalogue (`catalogue`) and the 勾稽 relations between cells (`relations`)."""
